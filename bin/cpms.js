#!/usr/bin/env node
// The `cpms` command. Node.js >= 22.18 runs the TypeScript sources directly (type stripping).
import '../src/cli/main.ts';
