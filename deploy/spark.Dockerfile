# The Spark image the server launches: covid-analysis/spark:3.5.3
#   docker build -f deploy/spark.Dockerfile -t covid-analysis/spark:3.5.3 .
# The build context is the repository root. The stock image already has all the analysis needs
# to run: the full Spark 3.5.3 distribution (bin/spark-sql, Hive jars, the Kubernetes resource
# manager), Java 17, tini and /opt/entrypoint.sh. Each line below says why it is added.
FROM apache/spark:3.5.3

USER root

# The Spark pods run as UID 1654, the server's UID (the aspnet image's "app" user), so every file
# on the shared data volume has one owner whether the server or Spark wrote it. Hadoop's login
# (UserGroupInformation) needs a passwd entry for the UID or it fails with "invalid null input:
# name"; the stock entrypoint's nss_wrapper only helps when the entrypoint runs, and the launcher
# may start spark-sql directly. Primary group "spark" (185) owns the group-writable
# /opt/spark/work-dir, where spark-sql keeps its scratch Hive metastore and warehouse.
RUN useradd --system --uid 1654 --gid spark --home-dir /opt/spark/work-dir --no-create-home \
        --shell /usr/sbin/nologin covid

# The stock image has no SPARK_CONF_DIR (/opt/spark/conf). Create it, writable by the spark group,
# so a launcher or entrypoint can drop spark-defaults.conf / spark.properties into it at start.
RUN mkdir -p /opt/spark/conf \
 && chown spark:spark /opt/spark/conf \
 && chmod 0775 /opt/spark/conf

# Concise logs: the server puts the tail of a failed driver's log into the analysis' failure
# reason, so warnings and errors must not drown in INFO lines. Spark also ships every file in
# SPARK_CONF_DIR to its executors (their conf ConfigMap), so they log the same way.
COPY --chown=spark:spark deploy/spark/log4j2.properties /opt/spark/conf/log4j2.properties

# Numeric, so a pod's runAsNonRoot can verify it without a runAsUser.
USER 1654
