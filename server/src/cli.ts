import { main } from './cli/main';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`agent-warden: internal error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 2;
  },
);
