process.stdout.write('loss-lens: CLI under construction\n');
