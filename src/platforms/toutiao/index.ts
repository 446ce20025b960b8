import type { PlatformAdapter } from '../types';
const adapter: PlatformAdapter = { id: 'toutiao', items: [] };
export default adapter;
