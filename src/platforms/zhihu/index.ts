import type { PlatformAdapter } from '../types';
const adapter: PlatformAdapter = { id: 'zhihu', items: [] };
export default adapter;
