// GET / — the dashboard lives under /projects (which sends visitors without a session to /login)
import { redirect } from "next/navigation";

export default function Home() {
  redirect("/projects");
}
