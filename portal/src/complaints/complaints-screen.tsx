import { ComplaintDetail } from './complaint-detail';
import { ComplaintsBoard } from './complaints-board';
import { PhoneComplaintForm } from './phone-complaint-form';
import './complaints.css';

/** #/complaints → board · #/complaints/new → phone complaint · #/complaints/<id> → detail. */
export function ComplaintsScreen({ route }: { route: string[] }) {
  const [first] = route;
  if (first === 'new') return <PhoneComplaintForm />;
  if (first) return <ComplaintDetail key={first} id={first} />;
  return <ComplaintsBoard />;
}
