import { createMemoryStore } from '../../src/storage/memory';
import { describeStoreContract } from './contract';

describeStoreContract('memory', () => createMemoryStore());
