#!/usr/bin/env node
'use strict';
// The command line lives in kernel/cli.ts; `npm install` compiles it to dist/.
let cli;
try {
  cli = require('../dist/kernel/cli.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND') {
    console.error('orrery: not built yet: run `npm install` (or `npm run build`) in ' + require('path').resolve(__dirname, '..'));
    process.exit(1);
  }
  throw e;
}
cli.main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err) => {
  console.error(`orrery: ${err && err.stack ? err.stack : err}`);
  process.exitCode = 70;
});
