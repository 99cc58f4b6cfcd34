// Chooses a ResponseStore back end from the --db argument; see
// response_store.hpp.
#include "store/response_store.hpp"

#include "store/postgres_store.hpp"
#include "store/sqlite_store.hpp"

namespace tessera::store {

bool ResponseStore::is_postgres_url(std::string_view where) {
  return where.rfind("postgres://", 0) == 0 || where.rfind("postgresql://", 0) == 0;
}

Result<std::unique_ptr<ResponseStore>> ResponseStore::open(const std::string& where,
                                                           const StoreOptions& options) {
  if (is_postgres_url(where)) return PostgresResponseStore::open(where, options);
  return SqliteResponseStore::open(where);
}

}  // namespace tessera::store
