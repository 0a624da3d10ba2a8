// Placeholder until the CLI lands.
process.stdout.write('hubmon\n');
