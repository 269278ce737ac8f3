import { main } from './run.js';
process.exitCode = main();
