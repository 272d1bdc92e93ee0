// Preloaded into a measured child (`node --import …/reportRss.mjs …`): at exit it writes the
// process's peak RSS in kB and its CPU time (user + system, all threads) in ms to stderr as
// `KURATOR_BENCH_MAXRSS <kB>` and `KURATOR_BENCH_CPU <ms>`.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(
    `\nKURATOR_BENCH_MAXRSS ${usage.maxRSS}\nKURATOR_BENCH_CPU ${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}\n`,
  );
});
