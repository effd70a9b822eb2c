// Every command but the wizard, behind one lazy import: one chunk instead of one per command plus the small chunks
// they share, which npx pays for per file when it unpacks the package. The wizard stays apart for its first frame.
export { runSetup } from './setup.js';
export { runModels } from './models.js';
export { runSmoke } from './smoke.js';
export { runPolicy } from './policy.js';
export { runDoctor } from './doctor.js';
export { runTeam } from './team.js';
export { runRegions } from './regions.js';
export { runRestore } from './restore.js';
export { runUninstall } from './uninstall.js';
