# The Spark image the server launches: covid-analysis/spark:3.5.3
#   docker build -f deploy/spark.Dockerfile -t covid-analysis/spark:3.5.3 .
# The stock image already has everything the analysis runs: the full Spark 3.5.3 distribution
# (bin/spark-sql with its Hive jars, Parquet and JSON sources, the Kubernetes resource manager),
# Java 17, tini and /opt/entrypoint.sh. This image changes one thing, the user, and says why.
FROM apache/spark:3.5.3

USER root

# Spark must write its result where the server created the analysis' directory on the shared
# volume: /data/covid/analyses/{id}/ is the server's (UID 1654, mode 755), and Spark creates
# spark-result/ inside it, from the driver and from every executor. So Spark runs as UID 1654
# too, the server's UID (the aspnet image's "app" user), and every file on the volume has one
# owner. The passwd entry gives UID 1654 the primary group "spark" (185), which owns the
# group-writable /opt/spark/work-dir where spark-sql keeps its scratch Hive metastore
# (metastore_db/, derby.log); without it the runtime would start UID 1654 in group 0, which
# cannot write there. (The stock entrypoint's nss_wrapper would fake a passwd entry, but not the group.)
RUN useradd --system --uid 1654 --gid spark --home-dir /opt/spark/work-dir --no-create-home \
        --shell /usr/sbin/nologin covid

# Numeric, so a pod's runAsNonRoot can verify it; pods built without our templates still run as 1654.
USER 1654
