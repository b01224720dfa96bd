// Preloaded into `next start` by `npm run bench:ingest -- --profile DIR` (NODE_OPTIONS refuses
// --cpu-prof): profiles the whole server process and writes DIR/server-<pid>.cpuprofile on exit.
const { Session } = require("node:inspector");
const { writeFileSync } = require("node:fs");
const path = require("node:path");

const dir = process.env.LOGWELL_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 500 });
  session.post("Profiler.start");
  // Lets the analysis skip start-up and warm-up: samples are timed relative to this.
  const startedAtEpochMs = Date.now();
  let written = false;
  // An in-thread inspector session answers synchronously, so this works inside 'exit'.
  process.on("exit", () => {
    if (written) return;
    written = true;
    session.post("Profiler.stop", (err, result) => {
      if (!err) {
        const base = path.join(dir, `server-${process.pid}`);
        writeFileSync(`${base}.cpuprofile`, JSON.stringify(result.profile));
        writeFileSync(`${base}.json`, JSON.stringify({ startedAtEpochMs }));
      }
    });
  });
}
