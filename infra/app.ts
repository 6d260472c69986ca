// `cdk synth` / `cdk deploy` entry point (cdk.json): the context comes from cdk.json and -c.
import { createServiceApp } from './service-app.js';

createServiceApp().app.synth();
