import type { PlatformAdapter } from '../types';
const adapter: PlatformAdapter = { id: 'douyin', items: [] };
export default adapter;
