/** Output sinks of the command-line tools, injectable so a CLI can be tested without a subprocess. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export type Command = (args: readonly string[], io: CliIo) => Promise<number>;

/** Runs `<command> [args]` from a table of commands; help and mistakes are answered alike by every tool. */
export async function runCommand(
  args: readonly string[],
  io: CliIo,
  usage: string,
  commands: Readonly<Record<string, Command>>
): Promise<number> {
  const [name, ...rest] = args;
  if (name === 'help' || name === '--help' || name === '-h') {
    io.out(usage);
    return 0;
  }
  const command = name === undefined || !Object.hasOwn(commands, name) ? undefined : commands[name];
  if (command === undefined) {
    io.err(name === undefined ? usage : `unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  return command(rest, io);
}
