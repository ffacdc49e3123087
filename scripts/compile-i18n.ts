/** Generates src/lib/paraglide from the message files, as the build does. */
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../paraglide.config.ts';

await compile({ ...paraglideOptions, strategy: [...paraglideOptions.strategy] });
