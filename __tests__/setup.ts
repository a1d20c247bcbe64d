import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { setupAccessMatchers } from '../src/pipeline/jest-matchers';

Testing.setupJest();
setupAccessMatchers();
