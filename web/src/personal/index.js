// Entry of the personalization module: the public API and <tessera-offers>.
// tessera.js calls installPersonal(Tessera) once.
export { installPersonal, recordEvent } from './personal.js';
import './offers-element.js';
