#!/usr/bin/env node
// Entry point: `node bench/engine/run.js [--size banten|province|national|sparse10|munkres|all]`.
// Registers a TypeScript require hook, then runs the bench (each case in its own child process so
// that peak memory is measured per case).
require('./register');
require('./main.ts');
