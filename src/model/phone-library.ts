// Only what validation needs from libphonenumber-js, so the lazily loaded chunk tree-shakes the
// rest of the library (as-you-type formatter, number finder, ...). Loaded with import() only.
export { parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js/min';
