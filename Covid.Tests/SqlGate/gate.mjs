// Independent Spark SQL syntax gate: parses each script named on the command line with
// dt-sql-parser's SparkSQL grammar (generated from Apache Spark's own ANTLR grammar) and prints one
// JSON line per file: {"file", "errors": [{line, column, message}]}. The whole script is one parse
// (the grammar's program rule is ';'-separated statements), so text a splitter might drop is checked too.
// Exit code 0 when every file parses, 1 when any does not, 2 on usage errors.
import { readFileSync } from 'node:fs';
import { SparkSQL } from 'dt-sql-parser';
import { sparkFunctions } from './spark-functions.mjs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node dist/gate.cjs SCRIPT.sql...');
  process.exit(2);
}
const parser = new SparkSQL();
const consoleError = console.error;
let failed = false;
for (const file of files) {
  const sql = readFileSync(file, 'utf8');
  // ANTLR's default listener also prints each error to the console; the JSON below carries them.
  console.error = () => {};
  let errors;
  try {
    errors = parser.validate(sql).map((e) => ({ line: e.startLine, column: e.startColumn, message: e.message }));
    if (errors.length === 0) errors = unknownFunctions(parser.parse(sql));
    errors.push(...variableReferences(sql));
  } finally {
    console.error = consoleError;
  }
  if (sql.trim().length === 0) {
    errors.push({ line: 1, column: 1, message: 'empty script' });
  }
  if (errors.length > 0) failed = true;
  console.log(JSON.stringify({ file, errors }));
}
process.exit(failed ? 1 : 0);

// SparkSqlParser substitutes ${env:X}, ${system:X}, ${hiveconf:X} and ${X} across the whole text,
// string literals included, unless spark.sql.variable.substitute is off: a script must not depend on
// that conf, so any "${" is an error wherever it stands.
function variableReferences(sql) {
  const found = [];
  sql.split('\n').forEach((text, i) => {
    for (let at = text.indexOf('${'); at >= 0; at = text.indexOf('${', at + 2)) {
      found.push({ line: i + 1, column: at + 1, message: "'${' would be substituted by Spark's VariableSubstitution before parsing" });
    }
  });
  return found;
}

// Every function name in the tree (scalar, aggregate, window and table-valued calls alike) must be a
// Spark built-in: the grammar alone accepts strptime(...) or read_csv_auto(...) as calls.
function unknownFunctions(tree) {
  const found = [];
  const walk = (node) => {
    if (node.constructor.name === 'FunctionNameContext') {
      const name = node.getText().replace(/`/g, '').toLowerCase();
      if (!sparkFunctions.has(name)) {
        found.push({ line: node.start.line, column: node.start.column + 1, message: `'${name}' is not a Spark 3.5 built-in function` });
      }
    }
    for (let i = 0; i < (node.getChildCount?.() ?? 0); i++) walk(node.getChild(i));
  };
  walk(tree);
  return found;
}
