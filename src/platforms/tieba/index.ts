import type { PlatformAdapter } from '../types';
const adapter: PlatformAdapter = { id: 'tieba', items: [] };
export default adapter;
