import type { PlatformAdapter } from '../types';
const adapter: PlatformAdapter = { id: 'bilibili', items: [] };
export default adapter;
