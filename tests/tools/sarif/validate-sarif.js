// Validates SARIF files against the SARIF 2.1.0 JSON schema (OASIS, 2.1.0-rtm.5,
// as shipped by Microsoft's @microsoft/jest-sarif package) with Ajv.
// Usage: node validate-sarif.js FILE...   exit 0 valid, 1 invalid, 2 cannot run.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');

let schemaPath;
try {
  schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
} catch (e) {
  console.error('validate-sarif: the SARIF schema is not installed (npm ci in ' + __dirname + ')');
  process.exit(2);
}
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
// The schema is JSON Schema draft-04: Ajv 6 needs its meta-schema and `id`.
const ajv = new Ajv({ schemaId: 'id', allErrors: true, meta: false, validateSchema: false });
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
const validate = ajv.compile(schema);

let bad = 0;
for (const file of process.argv.slice(2)) {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (validate(doc)) {
    console.log(path.basename(file) + ': valid SARIF 2.1.0 (' + schema.title + ')');
  } else {
    bad++;
    console.log(path.basename(file) + ': INVALID');
    for (const e of validate.errors) console.log('  ' + e.dataPath + ' ' + e.message + ' ' + JSON.stringify(e.params));
  }
}
process.exit(bad ? 1 : 0);
