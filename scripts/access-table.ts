// Prints the access policy as the README's Markdown table:
// node -r @swc-node/register scripts/access-table.ts
import { renderAccessTable } from '../src/common/access/access-table';

console.log(renderAccessTable());
