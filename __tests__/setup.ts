import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { setupAccessMatchers } from '../src/access/jest-matchers';

Testing.setupJest();
setupAccessMatchers();
