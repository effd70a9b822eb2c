// The wizard's screens after the first: one chunk, imported once the first frame is on the terminal.
type Screens = typeof import('./screens/Screen.js');

let loaded: Screens | undefined;
let loading: Promise<Screens> | undefined;

export function loadScreens(): Promise<Screens> {
  return (loading ??= import('./screens/Screen.js').then((m) => (loaded = m)));
}

/** The screens when they have loaded already (tests load them first; a second session of the wizard too). */
export function loadedScreens(): Screens | undefined {
  return loaded;
}
