// The tool's own version, as --version prints it and the manifest records it (package.json holds the same).
export const VERSION = '0.1.0';
