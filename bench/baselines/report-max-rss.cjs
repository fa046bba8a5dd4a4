// Preloaded with `node --require` when /usr/bin/time is missing: at exit, writes this process's
// peak resident set size (kilobytes, as getrusage reports it) to the file in LOSS_LENS_MAX_RSS_FILE.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  writeFileSync(process.env.LOSS_LENS_MAX_RSS_FILE, String(process.resourceUsage().maxRSS));
});
