// Components look as in the app (the shared button and input classes, the palette), and speak
// English whatever the browser's language.
import '../../src/app.css';
import { overwriteGetLocale } from '$lib/paraglide/runtime';

overwriteGetLocale(() => 'en');
