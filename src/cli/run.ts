// The entry point of the CLI bundle (dist/cli.mjs, built by scripts/build-cli.mjs):
// runs the command and leaves its exit code to the process.
import { main } from './main';

process.exitCode = await main(process.argv.slice(2));
