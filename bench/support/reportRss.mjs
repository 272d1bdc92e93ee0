// Preloaded into a measured child (`node --import …/reportRss.mjs …`): at exit it writes the
// process's peak RSS in kB to stderr as `KURATOR_BENCH_MAXRSS <kB>`.
process.on('exit', () => {
  process.stderr.write(`\nKURATOR_BENCH_MAXRSS ${process.resourceUsage().maxRSS}\n`);
});
