import '../helpers/lit-warnings.js';
import { shiftReleaseTest } from '../helpers/shift-release.js';

shiftReleaseTest('voice');
