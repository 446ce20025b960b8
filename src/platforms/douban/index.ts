import type { PlatformAdapter } from '../types';
const adapter: PlatformAdapter = { id: 'douban', items: [] };
export default adapter;
