// Lints Cypher with Neo4j's own parser and semantic analysis, offline.
// stdin: {"name": "query", ...}; stdout: {"name": [{severity, message, at}], ...}.
// Undeclared $parameters are not reported: the store supplies them at run time.
import { lintCypherQuery, isNotParamError } from '@neo4j-cypher/language-support';
import { readFileSync } from 'node:fs';

const queries = JSON.parse(readFileSync(0, 'utf8'));
const report = {};
for (const [name, query] of Object.entries(queries)) {
  const { diagnostics } = lintCypherQuery(query, {});
  report[name] = diagnostics.filter(isNotParamError).map((d) => ({
    severity: d.severity,
    message: d.message,
    at: query.slice(d.offsets.start, d.offsets.end),
  }));
}
process.stdout.write(JSON.stringify(report));
