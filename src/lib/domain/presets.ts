// Campaign presets live in ./presets/ (one file per notice); this module is the public entry.
export * from './presets/index';
