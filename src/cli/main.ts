// Placeholder entry; the command line is being written in src/cli/.
import { analyze } from '../core';
process.stdout.write(JSON.stringify(analyze('')) + '\n');
