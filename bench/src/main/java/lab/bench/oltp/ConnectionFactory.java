package lab.bench.oltp;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a connection to the shop for one client of the driver, first and after a lost one. */
public interface ConnectionFactory {

  Connection open() throws SQLException;

  /** Where the connections go, for messages: a JDBC URL or a file. */
  String describe();
}
