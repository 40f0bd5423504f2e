import { CustomerList } from './customer-list';
import { CustomerPage } from './customer-page';
import './customers.css';

/** #/customers → search · #/customers/<id> → profile page. */
export function CustomersScreen({ route }: { route: string[] }) {
  const [id] = route;
  return id ? <CustomerPage key={id} id={id} /> : <CustomerList />;
}
