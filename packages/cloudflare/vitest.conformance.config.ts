// The conformance suite in workerd WITHOUT nodejs_compat: the core touches no Node API.
import { conformanceProject } from './test/conformance-project.ts';

export default conformanceProject({ nodejsCompat: false });
