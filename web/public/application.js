// Progressive enhancement only: every page works without JavaScript.
import { initAll } from './govuk-frontend.min.js';
initAll();
