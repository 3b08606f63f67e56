// The conformance suite in workerd WITH nodejs_compat, as most Workers run.
import { conformanceProject } from './test/conformance-project.ts';

export default conformanceProject({ nodejsCompat: true });
