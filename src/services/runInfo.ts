// Which command and tool version this process runs, for the manifest of what each run wrote. Set once by the
// dispatcher; its own module so that setting it loads nothing of the manifest's (files, crypto) before a first frame.
let runInfo = { command: 'unknown', toolVersion: 'unknown' };

export function setRunInfo(info: { command: string; toolVersion: string }): void {
  runInfo = info;
}

export function getRunInfo(): { command: string; toolVersion: string } {
  return runInfo;
}
