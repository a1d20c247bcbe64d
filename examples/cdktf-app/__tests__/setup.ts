import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { setupAccessMatchers } from 'instance-profile-cdktf';

Testing.setupJest();
setupAccessMatchers();
