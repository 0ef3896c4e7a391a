// The entry point of the CLI bundle (dist/cli.cjs, built by scripts/build-cli.mjs):
// bin/sealcheck.js loads the bundle and calls `run` with the arguments.
import { main } from './main';

export function run(argv: readonly string[]): Promise<number> {
  return main(argv);
}
