import packageJson from '../../package.json' with { type: 'json' };

/** Bundled into the CLI at build time, so it needs no file next to it at run time. */
export const version: string = packageJson.version;
