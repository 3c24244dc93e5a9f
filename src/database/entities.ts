import { RefreshToken } from '../modules/auth/refresh-token.entity';
import { Region } from '../modules/regions/region.entity';
import { User } from '../modules/users/user.entity';

/** Every entity, listed once: the app, the migration CLI and the drift check use this list. */
export const ENTITIES = [User, RefreshToken, Region];
