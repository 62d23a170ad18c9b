export { SimulatedContactCenter, type SimulatedContactCenterOptions } from './contact-center.js';
export { SCENARIOS, SCENARIO_NAMES, isScenarioName, type Scenario, type ScenarioName, type OfferOverrides } from './scenarios.js';
export type { SimulatedOperation, FaultOptions } from './faults.js';
export type { RoutingLogEntry } from './callback-service.js';
export type { FarEndView } from './calls.js';
export type { ContactBehaviour, TargetBehaviour, DialOutcome } from './behaviour.js';
export { DIAL_TIMING } from './behaviour.js';
export type { OfficeHours } from './availability.js';
export {
  SAMPLE_CONTACTS,
  SAMPLE_NUMBERS,
  SAMPLE_TARGETS,
  SAMPLE_TARGET_IDS,
  STANDARD_RESPONSES,
  DISPOSITION_TREE,
  type SampleContact,
} from './directory-data.js';
