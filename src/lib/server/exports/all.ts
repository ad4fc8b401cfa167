// Imports every export producer for its registration, so the web route and the CLI offer the same files.
import './selection';
import './review';
import './scores';
export { exportCsv, EXPORT_KINDS, EXPORT_LABELS } from './';
