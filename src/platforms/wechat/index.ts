import type { PlatformAdapter } from '../types';
const adapter: PlatformAdapter = { id: 'wechat', items: [] };
export default adapter;
