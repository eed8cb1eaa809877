// Starts @doyensec/electronegativity. It requires `commander` without declaring it and would get this
// project's commander 15, whose API it cannot use: it is handed the commander 6 it was written for.
const Module = require('node:module');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const fromLinter = parent && parent.filename && parent.filename.includes('@doyensec');
  return resolveFilename.call(
    this,
    fromLinter && request === 'commander' ? 'commander-v6' : request,
    parent,
    ...rest,
  );
};
require('@doyensec/electronegativity/dist/index.js');
